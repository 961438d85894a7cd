// Placeholder entry: the Plivo SMS nodes arrive with issue 5. It proves the package builds against core.
export { TextbridgeError } from '@textbridge/core';
