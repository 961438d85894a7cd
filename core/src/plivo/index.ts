// Barrel for core/src/plivo: filled as the module lands.
export {};
