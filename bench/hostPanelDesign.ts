import { canvasDesignText } from './canvasDesign'

/**
 * The canvas bench's data-centre design (racks of 40 behind three route reflectors) with a pod on
 * every node, so that every node owns a block and every host's table holds a route per node: the
 * host panel's tables are as long as the design is large.
 */
export function hostPanelDesignText(hosts: number): string {
  return `${canvasDesignText(hosts)}---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  replicas: ${hosts}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx}]}
`
}
