import { defineConfig } from 'vite'

export default defineConfig({
  // Plain JSX through Vite's own transform (automatic runtime); no React plugin is needed to build.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  // Relative asset URLs: the built page works under any path.
  base: './',
  build: { outDir: 'dist', emptyOutDir: true },
})
