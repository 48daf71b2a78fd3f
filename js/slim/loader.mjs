// Stands in for the vega-loader package, whose browser build carries every data format reader. It is the same
// loader, made as that build makes it (no file system), with the readers of loader-formats.mjs.
import loaderFactory from 'vega-loader/src/loader.js';

export const loader = loaderFactory(null);
export {default as read} from 'vega-loader/src/read.js';
export {format, formats, responseType} from 'vega-loader/src/formats/index.js';
