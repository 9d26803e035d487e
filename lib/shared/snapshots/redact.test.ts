import { describe, expect, it } from "vitest";
import { redactCommandLine, secretName } from "@/lib/shared/snapshots/redact";

const R = "[redacted]";

// Command lines as ps prints them on real hosts, each with what a snapshot must show instead.
const SECRET: [string, string][] = [
  ["mysql -uroot -pS3cr3t! shop", `mysql -uroot -p${R} shop`],
  ["/usr/bin/mysqldump --single-transaction -u backup -pHunter2 --all-databases", `/usr/bin/mysqldump --single-transaction -u backup -p${R} --all-databases`],
  ["sh -c mysqldump -ubackup -pbk_pw_2024 shop | gzip > /var/backups/shop.sql.gz", `sh -c mysqldump -ubackup -p${R} shop | gzip > /var/backups/shop.sql.gz`],
  ["mariadb-admin -uroot -ptoor ping", `mariadb-admin -uroot -p${R} ping`],
  ["mysql --user=app --password=correct-horse-battery shop", `mysql --user=app --password=${R} shop`],
  ["mysql --user app --password correct-horse shop", `mysql --user app --password ${R} shop`],
  ["/opt/app/bin/worker --db-password=pa55word --queue=mail", `/opt/app/bin/worker --db-password=${R} --queue=mail`],
  ["node dist/server.js --api-key 8d1f0c2e9a --port 3000", `node dist/server.js --api-key ${R} --port 3000`],
  ["python3 sync.py --token ghp_Qw3rTy --verbose", `python3 sync.py --token ${R} --verbose`],
  ["redis-server *:6379 --requirepass=letmein", "redis-server *:6379 --requirepass=letmein".replace("letmein", R)],
  ["PGPASSWORD=s3cret psql -h db.internal -U app shop", `PGPASSWORD=${R} psql -h db.internal -U app shop`],
  ["env MYSQL_PWD=rootpw mysql -uroot", `env MYSQL_PWD=${R} mysql -uroot`],
  ["env DB_PASS=hunter2 REDIS_PASSWORD=xyz /srv/app/run", `env DB_PASS=${R} REDIS_PASSWORD=${R} /srv/app/run`],
  ["env SECRET_KEY_BASE=abc123def456 bundle exec puma", `env SECRET_KEY_BASE=${R} bundle exec puma`],
  ["env AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG aws s3 sync /data s3://backups", `env AWS_SECRET_ACCESS_KEY=${R} aws s3 sync /data s3://backups`],
  ["php artisan queue:work --env=production STRIPE_SECRET=sk_live_abc", `php artisan queue:work --env=production STRIPE_SECRET=${R}`],
  ["java -Dspring.datasource.password=changeme -jar /opt/app/app.jar", `java -Dspring.datasource.password=${R} -jar /opt/app/app.jar`],
  ["java -Djavax.net.ssl.keyStorePassword=storepw -jar app.jar", `java -Djavax.net.ssl.keyStorePassword=${R} -jar app.jar`],
  ["curl -s https://api.example.com/v1/items?token=abc123&page=2", `curl -s https://api.example.com/v1/items?token=${R}&page=2`],
  ["wget -q -O- http://metrics.local/push?job=cron&api_key=k3y&x=1", `wget -q -O- http://metrics.local/push?job=cron&api_key=${R}&x=1`],
  ["curl https://hooks.example.com/notify?apikey=ABCD&secret=EFGH", `curl https://hooks.example.com/notify?apikey=${R}&secret=${R}`],
  ["curl 'https://storage.example.net/f.bin?sv=2021&sig=xYz%2B%3D&se=2030'", `curl 'https://storage.example.net/f.bin?sv=2021&sig=${R}&se=2030'`],
  ["/usr/bin/pg_dump postgres://backup:Tr0ub4dor@db.internal:5432/shop", `/usr/bin/pg_dump postgres://backup:${R}@db.internal:5432/shop`],
  ["node worker.js --redis redis://:redispass@127.0.0.1:6379/0", `node worker.js --redis redis://:${R}@127.0.0.1:6379/0`],
  ["git fetch https://deploy:glpat-xxxx@gitlab.example.com/team/app.git", `git fetch https://deploy:${R}@gitlab.example.com/team/app.git`],
  ["celery -A app worker --broker=amqp://guest:guest@rabbit:5672//", `celery -A app worker --broker=amqp://guest:${R}@rabbit:5672//`],
  ['curl -H "Authorization: Bearer eyJhbGciOi.payload.sig" https://api.example.com', `curl -H "Authorization: Bearer ${R}" https://api.example.com`],
  ["curl -H Authorization: Basic dXNlcjpwYXNz https://intranet/", `curl -H Authorization: Basic ${R} https://intranet/`],
  ['curl -H "X-Api-Key: 12345abcde" https://api.example.com/v2', `curl -H "X-Api-Key: ${R}" https://api.example.com/v2`],
  ['curl --header "PRIVATE-TOKEN: glpat-abc" https://gitlab.example.com/api/v4/projects', `curl --header "PRIVATE-TOKEN: ${R}" https://gitlab.example.com/api/v4/projects`],
  ["curl -u admin:supersecret https://jenkins.local/job/x/build", `curl -u admin:${R} https://jenkins.local/job/x/build`],
  ["sshpass -p 'hunter2' ssh -p 2222 deploy@web1", `sshpass -p ${R} ssh -p 2222 deploy@web1`],
  ["openssl pkcs12 -export -in cert.pem -passout pass:exportpw -out cert.p12", `openssl pkcs12 -export -in cert.pem -passout pass:${R} -out cert.p12`],
  ["/usr/local/bin/agent --config /etc/agent.yml --auth-token=9f8e7d6c5b4a", `/usr/local/bin/agent --config /etc/agent.yml --auth-token=${R}`],
  ["gunicorn app:app --env SESSION_SECRET=shh -b 0.0.0.0:8000", `gunicorn app:app --env SESSION_SECRET=${R} -b 0.0.0.0:8000`],
  ["vault login -method=userpass username=ops password=Sup3r", `vault login -method=userpass username=ops password=${R}`],
  ["/opt/exporter --client-secret=Zm9vYmFy --client-id=reaper", `/opt/exporter --client-secret=${R} --client-id=reaper`],
  ["node index.js --accessToken=abc.def.ghi", `node index.js --accessToken=${R}`],
  // Blobs: long random runs with no name to go by.
  ["/usr/local/bin/backup-agent run sk_live_51HcT9rK2eZvKYlo2CcXqL8MnB4pQr7sT", `/usr/local/bin/backup-agent run ${R}`],
  ["python3 notify.py xoxb-2048-AbCdEfGhIjKlMnOpQrStUvWx1234", `python3 notify.py ${R}`],
  ["/srv/bin/decrypt 3f9a1c0b7e5d2a4c8b6f0e1d3c5a7b9f /data/in.enc", `/srv/bin/decrypt ${R} /data/in.enc`],
  ["ruby jobs.rb eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", `ruby jobs.rb ${R}`],
];

// Lines that hold nothing secret and must come out exactly as they went in.
const UNTOUCHED: string[] = [
  "/sbin/init splash",
  "nginx: master process /usr/sbin/nginx -g daemon on; master_process on;",
  "nginx: worker process",
  "/usr/sbin/sshd -D",
  "sshd: deploy@pts/0",
  "php-fpm: pool www",
  "/usr/sbin/apache2 -k start",
  "postgres: 15/main: checkpointer",
  "/usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql/15/main -c config_file=/etc/postgresql/15/main/postgresql.conf",
  "/usr/sbin/mysqld --basedir=/usr --datadir=/var/lib/mysql --plugin-dir=/usr/lib/mysql/plugin --pid-file=/run/mysqld/mysqld.pid",
  "mysql -uroot -p shop",
  "/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock",
  "/usr/bin/containerd-shim-runc-v2 -namespace moby -id 9f2c4e6a8b0d1f3e5a7c9b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a -address /run/containerd/containerd.sock",
  "docker run -u 1000:1000 -p 8080:80 nginx:1.25",
  "ssh -p 2222 -i /home/deploy/.ssh/id_ed25519 deploy@web1",
  "ps -eo pid,ppid,stat,user,lstart,comm,args",
  "/usr/bin/python3 /usr/bin/supervisord -n -c /etc/supervisor/supervisord.conf",
  "gunicorn: worker [app:app]",
  "node /srv/app/node_modules/.bin/next start --port 3000",
  "java -Xmx2g -XX:+UseG1GC -jar /opt/app/app.jar --server.port=8080",
  "/opt/app/bin/worker --password-file=/run/secrets/db_password --token-file /run/secrets/api",
  "nginx -c /etc/nginx/nginx.conf --key /etc/ssl/private/site.key",
  "openssl req -new -key /etc/ssl/private/site.key -passin env:KEY_PASS -out site.csr",
  "curl -sS https://example.com/api/items?page=2&sort=name",
  "git clone https://github.com/acme/app.git /srv/app",
  "/usr/bin/redis-server 127.0.0.1:6379",
  "kube-proxy --hostname-override=nginx-deployment-66b6c48dd5-4jwrs --v=2",
  "/usr/lib/systemd/systemd-journald",
  "[kworker/0:1-events]",
  "bash -c cd /var/www && PWD=/var/www make build",
  "/usr/bin/ssh-agent -s",
  "/usr/lib/jvm/java-17-openjdk-amd64/bin/java -Dfile.encoding=UTF-8 -cp /opt/app/lib/* com.acme.Main",
  "/usr/bin/python3 -m celery -A proj worker --loglevel=INFO --max-tasks-per-child=100",
  "rsync -az --delete /var/www/ backup@nas:/backups/www/",
  "uwsgi --ini /etc/uwsgi/apps-enabled/app.ini --uid www-data",
  "sleep 3600",
  "/var/lib/docker/overlay2/3f9a1c0b7e5d2a4c8b6f0e1d3c5a7b9f3f9a1c0b/merged/usr/bin/app",
  "wörker-ü --name Ärger",
  "",
];

describe("redaction of command lines in snapshots", () => {
  it("has a table of real-looking lines, at least 30 each way", () => {
    expect(SECRET.length).toBeGreaterThanOrEqual(30);
    expect(UNTOUCHED.length).toBeGreaterThanOrEqual(30);
  });

  it.each(SECRET)("hides the secret in %s", (line, expected) => {
    expect(redactCommandLine(line)).toEqual({ text: expected, redacted: true });
  });

  it.each(UNTOUCHED)("leaves %j as it is", (line) => {
    expect(redactCommandLine(line)).toEqual({ text: line, redacted: false });
  });

  it("is idempotent: a redacted line passes through unchanged", () => {
    for (const [, expected] of SECRET) expect(redactCommandLine(expected)).toEqual({ text: expected, redacted: false });
  });

  it("tells secret names from names of where a secret is", () => {
    expect(secretName("--password")).toBe("always");
    expect(secretName("PGPASSWORD")).toBe("always");
    expect(secretName("api_key")).toBe("always");
    expect(secretName("--key")).toBe("with-equals");
    expect(secretName("--password-file")).toBeNull();
    expect(secretName("--client-id")).toBeNull();
    expect(secretName("PWD")).toBeNull();
  });
});
