// Debug tracing of negotiation, off by default: localStorage.setItem('tutorme.debug', '1').
// The browser tests turn it on and keep the console of each page as an artefact.
const enabled = (() => {
  try {
    return Boolean(localStorage.getItem('tutorme.debug'));
  } catch {
    return false;
  }
})();

export const trace = enabled ? (...args) => console.debug(...args) : () => {};
