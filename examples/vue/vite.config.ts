import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

export default defineConfig({
  // Tell the template compiler <help-feedback> is a custom element, not a Vue component.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'help-feedback' } } })],
  base: './',
  build: { outDir: 'dist', emptyOutDir: true },
})
