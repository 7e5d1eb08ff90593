/// <reference types="vite/client" />

/** Optional runtime settings a deployment may provide (a tile server for maps, for one). */
interface GongzhiRuntimeConfig {
  tileUrl?: string;
  tileAttribution?: string;
}

interface Window {
  __GONGZHI__?: GongzhiRuntimeConfig;
}
