import { defineConfig } from 'vite';

// The console is served by fhub-gateway from web/dist under a strict
// Content-Security-Policy (script-src 'self'; style-src 'self'): everything
// is bundled into same-origin files under /assets/, and nothing is inlined.

// GOV.UK Frontend keeps an old-IE media hack ("min-width: 0\\0", which Sass
// writes with U+FFFD) that lightningcss cannot parse: drop those rules.
const dropIeMediaHack = {
  postcssPlugin: 'fhub-drop-ie-media-hack',
  AtRule: {
    media(rule: { params: string; remove(): void }) {
      if (/\uFFFD|\\0/.test(rule.params)) rule.remove();
    },
  },
};

export default defineConfig({
  base: '/',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: true,
    // Keep every asset a file of its own: data: URLs for fonts or scripts
    // would need a looser policy.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  css: {
    postcss: { plugins: [dropIeMediaHack] },
    preprocessorOptions: {
      scss: {
        quietDeps: true,
        silenceDeprecations: ['import'],
      },
    },
  },
});
