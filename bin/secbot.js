#!/usr/bin/env node
// Entry point for `npx secbot`. R91: on a Node.js that strips TypeScript types itself (>= 22.18) the
// CLI runs natively; on an older one (Node 20.19) tsx's loader is registered first.
if (!process.features.typescript) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import('../adapters/cli/secbot.ts');
