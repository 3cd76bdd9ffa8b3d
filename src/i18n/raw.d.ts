// A translation file read as text on demand (src/i18n/load.ts).
declare module '*.json?raw' {
  const text: string;
  export default text;
}
