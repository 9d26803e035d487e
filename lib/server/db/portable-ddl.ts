import {
  AlterTableNode,
  type ColumnDefinitionNode,
  CreateTableNode,
  DataTypeNode,
  GeneratedNode,
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";

// The migrations are written once, with the schema builder, and were first released on SQLite.
// Two of the column kinds they name have no PostgreSQL spelling: `blob` (PostgreSQL's `bytea`)
// and `integer … autoincrement` (an identity column there). This plugin, given to the migrator on
// PostgreSQL only, rewrites exactly those, so a released migration keeps its meaning on both.

class PostgresColumnTypes extends OperationNodeTransformer {
  protected override transformColumnDefinition(node: ColumnDefinitionNode, queryId?: QueryId): ColumnDefinitionNode {
    const def = super.transformColumnDefinition(node, queryId);
    const blob = DataTypeNode.is(def.dataType) && def.dataType.dataType === "blob";
    if (!blob && !def.autoIncrement) return def;
    return {
      ...def,
      ...(blob && { dataType: DataTypeNode.create("bytea") }),
      ...(def.autoIncrement && { autoIncrement: false, generated: GeneratedNode.create({ byDefault: true, identity: true }) }),
    };
  }
}

export class PostgresDdlPlugin implements KyselyPlugin {
  readonly #transformer = new PostgresColumnTypes();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const { node } = args;
    if (!CreateTableNode.is(node) && !AlterTableNode.is(node)) return node;
    return this.#transformer.transformNode(node, args.queryId);
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
