import type { Design } from './design'
import { clusterOf } from './query'

/**
 * The Calico releases Peerlab models, oldest first: each behaves as its newest patch release
 * (v3.30 as v3.30.7, the `release-v3.30` branch; v3.33 as the `release-v3.33` branch). What
 * changes between them is listed in calico.md §9.
 */
export const CALICO_VERSIONS = ['v3.30', 'v3.31', 'v3.32', 'v3.33'] as const
export type CalicoVersion = (typeof CALICO_VERSIONS)[number]

/** The release a design runs when its Cluster names none: the reference lab's. */
export const DEFAULT_CALICO_VERSION: CalicoVersion = 'v3.30'

const isCalicoVersion = (value: unknown): value is CalicoVersion => (CALICO_VERSIONS as readonly unknown[]).includes(value)

/**
 * The Calico release a design runs (`Cluster` `spec.calicoVersion`). A value that is no modelled
 * release is the loader's error (format.wrong-type, with its line); the engine then runs the default.
 */
export function calicoVersionOf(design: Design): CalicoVersion {
  const version = clusterOf(design)?.spec.calicoVersion
  return isCalicoVersion(version) ? version : DEFAULT_CALICO_VERSION
}

/** Whether `version` is `minimum` or a later release. */
export function calicoAtLeast(version: CalicoVersion, minimum: CalicoVersion): boolean {
  return CALICO_VERSIONS.indexOf(version) >= CALICO_VERSIONS.indexOf(minimum)
}
