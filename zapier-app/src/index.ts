// Placeholder entry: the Zapier app arrives with issue 6. It proves the package builds against core.
export { TextbridgeError } from '@textbridge/core';
