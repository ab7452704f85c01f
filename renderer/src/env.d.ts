/// <reference types="vite/client" />
import type { DesktopBridge } from '../../shared/ipc/contract'

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

declare global {
  /** package.json's version, injected at build time. */
  const __PEERLAB_VERSION__: string

  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    readonly desktop?: DesktopBridge
  }
}
