// The lab: real OpenSSH servers on 127.0.0.1, each in its own pid namespace with real zombies,
// for integration tests, benchmarks and the demo. Linux only; needs root.
export type { ExecResult, ExpectedParent, ExpectedScan, LabNetwork, LabParent, LabScenario, LabServer, LabServerOptions, LabUnit, LabUser } from "@/lab/types";
export { startLabServer } from "@/lab/server";
export { fleetScenario, startLabFleet, type LabFleet, type LabFleetOptions } from "@/lab/fleet";
export { startLabNetwork } from "@/lab/network";
export { generateClientKey, fingerprintOfBlob } from "@/lab/keys";
export { DEEP_CHAIN, CHAIN_LEVEL_NAMES } from "@/lab/scenarios";
export { DEMO_SCENARIOS } from "@/lab/demo-scenarios";
