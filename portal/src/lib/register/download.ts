/** The bytes of a base64 string (an export travels inside the GraphQL answer). */
export function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Hands the browser a file to save, under the name the server chose. */
export function saveFile(name: string, contentType: string, base64: string): void {
  const url = URL.createObjectURL(new Blob([bytesOf(base64)], { type: contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
