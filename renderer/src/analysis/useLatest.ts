import { shallowRef, watch, type ShallowRef } from 'vue'

/**
 * The latest answer that arrived: a view of the whole design (the address map, capacity) keeps
 * showing the one before while the worker works the next out, rather than blinking at each edit.
 * Undefined only until the first arrives.
 */
export function useLatest<T>(answer: () => T | undefined): Readonly<ShallowRef<T | undefined>> {
  const latest = shallowRef<T | undefined>()
  watch(
    answer,
    (value) => {
      if (value !== undefined) latest.value = value
    },
    { immediate: true },
  )
  return latest
}
