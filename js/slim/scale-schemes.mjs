// Stands in for vega-scale/src/schemes.js, which registers every named colour scheme (those of
// d3-scale-chromatic and Vega's own palettes) when it loads. Our charts give every colour range as a list, in
// the theme (charts/theme.py), so the registry starts empty; VENDOR.json says so, and the site build refuses a
// spec that asks for a scheme by name (directly or through Vega's default ranges).
const schemes = {};

export function scheme(name, value) {
  name = name && name.toLowerCase();
  if (arguments.length > 1) {
    schemes[name] = value;
    return this;
  }
  return schemes[name];
}
