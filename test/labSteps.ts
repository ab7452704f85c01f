import { readExample } from './exampleText'

/** The resources the seed lab's `kubectl apply` steps add, in the lab's order (../shared/seeds/000_072053aa9a42589e.txt). */
export const EXTERNAL_POOL = `apiVersion: projectcalico.org/v3
kind: IPPool
metadata:
  name: external-pool
spec:
  cidr: 10.48.2.0/24
  blockSize: 29
  ipipMode: Never
  natOutgoing: true
`
export const BGP_PEER = `apiVersion: projectcalico.org/v3
kind: BGPPeer
metadata:
  name: bgppeer-global-64512
spec:
  peerIP: 10.0.1.10
  asNumber: 64512
`
export const EXTERNAL_NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  annotations:
    cni.projectcalico.org/ipv4pools: '["external-pool"]'
  name: external-ns
`
export const NGINX = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
  namespace: external-ns
spec:
  replicas: 1
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
        version: v1
    spec:
      containers:
      - name: nginx
        image: nginx
        imagePullPolicy: IfNotPresent

---

kind: NetworkPolicy
apiVersion: networking.k8s.io/v1
metadata:
  name: nginx
  namespace: external-ns
spec:
  podSelector:
    matchLabels:
      app: nginx
  policyTypes:
  - Ingress
  - Egress
  ingress:
  - ports:
    - protocol: TCP
      port: 80
`

/** The lab's design after every step (the example plus what the trainee applies). */
export function labAfterAllSteps(): string {
  return [readExample('calico-lab-2.2'), EXTERNAL_POOL, BGP_PEER, EXTERNAL_NAMESPACE, NGINX].join('---\n')
}
