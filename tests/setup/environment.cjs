// The test environment of every project: Node's, plus a guarantee that nothing one test
// file does to process.env or global.strapi reaches the next. The environment is snapshot
// before the file is loaded and restored when its last hook (a Strapi's stop) has run.
// Jest already gives each file its own copy of process.env and its own global; this keeps
// the guarantee even if that changes, and tests/unit/isolation.test.ts checks it.
const NodeEnvironment = require('jest-environment-node').TestEnvironment;

module.exports = class IsolatedEnvironment extends NodeEnvironment {
  async setup() {
    await super.setup();
    this.envSnapshot = { ...this.global.process.env };
  }

  async handleTestEvent(event) {
    if (event.name !== 'run_finish') return;
    const env = this.global.process.env;
    for (const key of Object.keys(env)) if (!(key in this.envSnapshot)) delete env[key];
    Object.assign(env, this.envSnapshot);
    delete this.global.strapi;
  }
};
