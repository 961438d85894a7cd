// Barrel for core/src/sandbox: filled as the module lands.
export {};
