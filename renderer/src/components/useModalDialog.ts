import { onBeforeUnmount, onMounted, type Ref } from 'vue'

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), a[href], [tabindex]:not([tabindex="-1"])'

/**
 * What a modal dialog owes the keyboard: Escape closes it wherever focus is (a click on its text
 * leaves focus on the page, and Escape must not then clear the selection behind it), Tab stays
 * inside it, and focus goes back to what opened it when it closes.
 */
export function useModalDialog(root: Ref<HTMLElement | undefined>, close: () => void): void {
  let opener: HTMLElement | undefined
  const onKeydown = (event: KeyboardEvent): void => {
    const dialog = root.value
    if (!dialog) return
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      close()
      return
    }
    if (event.key !== 'Tab') return
    const stops = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((e) => e.offsetParent !== null)
    const first = stops[0]
    const last = stops[stops.length - 1]
    if (!first || !last) return
    const inside = dialog.contains(document.activeElement)
    if (event.shiftKey && (!inside || document.activeElement === first || document.activeElement === dialog)) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && (!inside || document.activeElement === last)) {
      event.preventDefault()
      first.focus()
    }
  }
  onMounted(() => {
    opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : undefined
    // Capture: the dialog answers before the app's shortcuts and before any field inside it.
    window.addEventListener('keydown', onKeydown, true)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onKeydown, true)
    if (opener?.isConnected) opener.focus()
  })
}

/** Whether a modal dialog is open: the app's own shortcuts then wait, as the page behind the dialog does. */
export function modalOpen(): boolean {
  return document.querySelector('[aria-modal="true"]') !== null
}
