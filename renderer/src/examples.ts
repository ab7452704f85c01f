import calicoLab from '../../examples/calico-lab-2.2.yaml?raw'

/** Examples bundled into the app; the first one opens on start. */
export const BUILT_IN_EXAMPLES: readonly { readonly name: string; readonly fileName: string; readonly text: string }[] = [{ name: 'calico-lab-2.2', fileName: 'calico-lab-2.2.yaml', text: calicoLab }]
