export function makeDialogueCases(_n: number): string {
  return '';
}
