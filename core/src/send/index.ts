// Barrel for core/src/send: filled as the module lands.
export {};
