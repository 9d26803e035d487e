// What a leaking program usually is, in words for someone who is not a Linux expert: the panel says
// "php-fpm: your PHP worker manager", not just "php-fpm". Matched on the process name (comm).

const PROGRAMS: [RegExp, string][] = [
  [/^php-fpm/, "your PHP worker manager"],
  [/^(lsphp|php-cgi|php)[\d.]*$/, "PHP running your website's code"],
  [/^(httpd|apache2?)$/, "your Apache web server"],
  [/^(nginx|openresty)$/, "your nginx web server"],
  [/^(litespeed|lshttpd|openlitespeed)$/, "your LiteSpeed web server"],
  [/^(caddy|lighttpd|h2o|traefik|haproxy|varnishd)$/, "your web server or proxy"],
  [/^(mysqld|mariadbd|mysqld_safe)$/, "your MySQL or MariaDB database"],
  [/^(postgres|postmaster)$/, "your PostgreSQL database"],
  [/^(redis-server|memcached)$/, "your cache server"],
  [/^(node|nodejs|npm|pm2.*)$/, "a Node.js application"],
  [/^(gunicorn|uwsgi)$/, "your Python application server"],
  [/^python[\d.]*$/, "a Python program"],
  [/^(puma|unicorn|passenger.*|ruby[\d.]*)$/, "your Ruby application server"],
  [/^java$/, "a Java application"],
  [/^(perl|perl[\d.]+)$/, "a Perl script"],
  [/^(cron|crond|anacron)$/, "the scheduler that runs your timed tasks (cron)"],
  [/^(sh|bash|dash|ash|zsh)$/, "a shell script"],
  [/^(exim4?|postfix|master|sendmail|dovecot|qmgr)$/, "your mail server"],
  [/^(supervisord|runsv|s6-supervise)$/, "a program that keeps your services running"],
  [/^(dockerd|containerd.*|conmon)$/, "the software that runs your containers"],
  [/^(sshd|sshd-session)$/, "the SSH server you log in through"],
];

export function programDescription(comm: string): string {
  const name = comm.trim().toLowerCase();
  return PROGRAMS.find(([re]) => re.test(name))?.[1] ?? "a program on your server";
}
