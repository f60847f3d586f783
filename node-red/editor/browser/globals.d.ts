// What the editor scripts use of Node-RED's editor API (checked by tsconfig.browser.json).
declare const RED: {
  nodes: {
    registerType(type: string, definition: Record<string, unknown>): void;
    node(id: string): Record<string, unknown> | null;
  };
};
