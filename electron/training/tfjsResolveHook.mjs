// A Node module resolve hook for tfjs-core's ES module files run directly (tsx, not a bundler):
// they import './gradients' (or '../gradients') where both gradients.js and a gradients/ folder
// exist, and Node's ES module resolution, with tsx in front of it, takes the folder and fails.
// Register it after tsx (hooks run last-registered first): `module.register(<this file>)`.
// Without it, importing tf.ts's chained ops and gradients fails outside Vitest and Vite.

/** @type {import('node:module').ResolveHook} */
export async function resolve(specifier, context, next) {
  if (
    context.parentURL?.includes('/@tensorflow/tfjs-core/dist/') &&
    /^\.{1,2}\/(\.\.\/)*gradients$/.test(specifier)
  ) {
    return next(`${specifier}.js`, context)
  }
  return next(specifier, context)
}
