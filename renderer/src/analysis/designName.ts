/** The design a file holds is named after the file: `lab.peerlab.yaml`, the name the desktop associates with Peerlab, is the design `lab`. */
export function designName(fileName: string): string {
  return fileName.replace(/(?:\.peerlab)?\.ya?ml$/i, '')
}
