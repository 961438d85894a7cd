// Barrel for core/src/webhooks: filled as the module lands.
export {};
