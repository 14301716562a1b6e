/** The few parts of TinCanJS (npm tincanjs, which ships no types) that the tests use. */
declare module 'tincanjs' {
  type Callback = (err: unknown, result: never) => void;
  interface DocumentConfig {
    agent?: unknown;
    activity?: unknown;
    registration?: string;
    contentType?: string;
    lastSHA1?: string;
    callback: Callback;
  }
  class LRS {
    constructor(config: {
      endpoint: string;
      username: string;
      password: string;
      allowFail: boolean;
      version: string;
    });
    saveState(key: string, value: unknown, config: DocumentConfig): void;
    retrieveState(key: string, config: DocumentConfig): void;
    saveActivityProfile(key: string, value: unknown, config: DocumentConfig): void;
    retrieveActivityProfile(key: string, config: DocumentConfig): void;
    saveAgentProfile(key: string, value: unknown, config: DocumentConfig): void;
    retrieveAgentProfile(key: string, config: DocumentConfig): void;
  }
  class Agent {
    constructor(config: object);
  }
  class Activity {
    constructor(config: { id: string });
  }
  const TinCan: { LRS: typeof LRS; Agent: typeof Agent; Activity: typeof Activity };
  export default TinCan;
}
