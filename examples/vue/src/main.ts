import { createApp } from 'vue'
// Registers <help-feedback> (a no-op on a server, so it may be imported anywhere).
import 'help-feedback/element'
import App from './App.vue'

createApp(App).mount('#app')
