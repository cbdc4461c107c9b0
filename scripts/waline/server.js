// Starts the Waline server installed by install.sh as an ordinary process, bound to loopback,
// with SQLite storage in $SQLITE_PATH (tables created from schema.sql when the file is new).
//
//   WALINE_HOME   where install.sh put node_modules (required)
//   SQLITE_PATH   folder of the database file waline.sqlite (required)
//   WALINE_PORT   port (default 8360); WALINE_HOST (default 127.0.0.1)
//   OAUTH_URL     if unset, a loopback stub answering {"services":[]} is started here: by
//                 default Waline fetches an outside OAuth list on every request, and every
//                 request fails with "fetch failed" without network.
// Everything else (JWT_TOKEN, SECURE_DOMAINS, IPQPS, AKISMET_KEY, …) is Waline's own setting.
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const cluster = require('node:cluster');

const home = process.env.WALINE_HOME;
const data = process.env.SQLITE_PATH;
if (!home || !data) {
  console.error('server.js: set WALINE_HOME and SQLITE_PATH');
  process.exit(2);
}
const root = path.join(home, 'node_modules', '@waline', 'vercel');
const need = (name) => require(require.resolve(name, { paths: [root] }));
const port = Number(process.env.WALINE_PORT || 8360);
const host = process.env.WALINE_HOST || '127.0.0.1';
process.env.JWT_TOKEN = process.env.JWT_TOKEN || require('node:crypto').randomBytes(16).toString('hex');

function createSchema() {
  const file = path.join(data, `${process.env.SQLITE_DB || 'waline'}.sqlite`);
  if (fs.existsSync(file)) return Promise.resolve();
  fs.mkdirSync(data, { recursive: true });
  const sqlite3 = need('sqlite3');
  const sql = fs.readFileSync(path.join(__dirname, 'schema.sql'), 'utf8');
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (err) => {
      if (err) return reject(err);
      db.exec(sql, (err) => db.close(() => (err ? reject(err) : resolve())));
    });
  });
}

function oauthStub() {
  if (process.env.OAUTH_URL) return Promise.resolve();
  return new Promise((resolve) => {
    const stub = http.createServer((_, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"services":[]}');
    });
    stub.listen(0, '127.0.0.1', () => {
      process.env.OAUTH_URL = `http://127.0.0.1:${stub.address().port}/`;
      resolve();
    });
  });
}

function start() {
  const Application = need('thinkjs');
  const instance = new Application({
    ROOT_PATH: root,
    APP_PATH: path.join(root, 'src'),
    proxy: true,
    env: 'production',
  });
  instance.run();
  // Loading is synchronous and the server starts after a promise, so these apply (as the
  // package's own vanilla.js applies its config.js).
  think.config('port', port);
  think.config('host', host);
}

if (cluster.isPrimary) {
  Promise.all([createSchema(), oauthStub()])
    .then(start)
    .catch((e) => {
      console.error('server.js:', e);
      process.exit(1);
    });
} else {
  start(); // a ThinkJS worker: the primary prepared everything and passed OAUTH_URL on
}
