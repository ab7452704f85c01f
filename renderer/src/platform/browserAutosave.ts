import { isAutosavedWork, type AutosavedWork, type AutosaveResult } from '../../../shared/ipc/contract'

const DATABASE = 'peerlab'
const STORE = 'autosave'
const KEY = 'work'

/**
 * IndexedDB rather than local storage: it takes designs far past local storage's five million
 * characters, and a transaction is on disk when it completes, while local storage batches its
 * writes for seconds and loses them to a killed browser.
 */
export interface BrowserAutosave {
  read(): Promise<AutosavedWork | undefined>
  write(work: AutosavedWork): Promise<AutosaveResult>
  clear(): Promise<void>
}

function settled<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'))
  })
}

function committed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve()
    // An abort for want of space reports itself as the transaction's error, not the request's.
    transaction.onabort = () => reject(transaction.error ?? new Error('the transaction was aborted'))
    transaction.onerror = () => reject(transaction.error ?? new Error('the transaction failed'))
  })
}

/** Says what went wrong in words a user can act on: a full storage above all. */
export function describeStorageError(error: unknown, size: number): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : ''
  const megabytes = (size / 1_000_000).toFixed(1)
  if (name === 'QuotaExceededError') return `browser storage is full (${megabytes} MB to keep)`
  return error instanceof Error || error instanceof DOMException ? error.message || name : String(error)
}

/** `indexedDB` is a function because merely touching it throws where a site may not store anything. */
export function createBrowserAutosave(indexedDB: () => IDBFactory): BrowserAutosave {
  let database: Promise<IDBDatabase> | undefined
  const open = (): Promise<IDBDatabase> => {
    database ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB().open(DATABASE, 1)
      request.onupgradeneeded = () => request.result.createObjectStore(STORE)
      request.onsuccess = () => {
        const db = request.result
        // Another tab upgrading the database must not wait on this one.
        db.onversionchange = () => {
          db.close()
          database = undefined
        }
        resolve(db)
      }
      request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'))
      request.onblocked = () => reject(new Error('IndexedDB is held open by an older tab of Peerlab'))
    }).catch((error: unknown) => {
      database = undefined
      throw error
    })
    return database
  }

  return {
    async read() {
      try {
        const db = await open()
        const value: unknown = await settled(db.transaction(STORE, 'readonly').objectStore(STORE).get(KEY))
        return isAutosavedWork(value) ? value : undefined
      } catch {
        // Storage that cannot be read holds nothing worth offering.
        return undefined
      }
    },
    async write(work) {
      const size = work.text.length + work.file.text.length
      try {
        const db = await open()
        // Strict: complete only once the data is flushed, so even a power cut keeps it.
        const transaction = db.transaction(STORE, 'readwrite', { durability: 'strict' })
        const done = committed(transaction)
        transaction.objectStore(STORE).put(work, KEY)
        await done
        return { status: 'kept' }
      } catch (error) {
        return { status: 'failed', message: describeStorageError(error, size) }
      }
    },
    async clear() {
      try {
        const db = await open()
        const transaction = db.transaction(STORE, 'readwrite')
        const done = committed(transaction)
        transaction.objectStore(STORE).delete(KEY)
        await done
      } catch {
        // Work that cannot be forgotten is offered once more at the next start: no harm.
      }
    },
  }
}
