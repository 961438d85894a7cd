// Barrel for core/src/encoding: filled as the module lands.
export {};
