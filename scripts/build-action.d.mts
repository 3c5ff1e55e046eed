// Types of scripts/build-action.mjs for the bundle test.
export const ACTION_BUNDLE: string;
export function buildAction(options?: { write?: boolean }): Promise<string>;
