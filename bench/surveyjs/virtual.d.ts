declare module 'virtual:survey-json' {
  const json: Record<string, unknown>;
  export default json;
}
