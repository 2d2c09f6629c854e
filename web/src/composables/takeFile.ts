// The file just chosen in an `<input type="file">`, from its change event. The input is emptied, so that choosing
// the same file again (after fixing it) is seen as a new choice.
export function takeFile(e: Event): File | null {
  const input = e.target as HTMLInputElement;
  const file = input.files?.[0] ?? null;
  input.value = '';
  return file;
}
