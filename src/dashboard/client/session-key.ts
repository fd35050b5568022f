// sessionStorage, not localStorage: the key is gone when the tab closes, and no other tab or later visit sees it.
const STORAGE_KEY = "chittyconnect.dashboard.key";

export const readKey = () => sessionStorage.getItem(STORAGE_KEY);
export const storeKey = (key: string) => sessionStorage.setItem(STORAGE_KEY, key);
export const forgetKey = () => sessionStorage.removeItem(STORAGE_KEY);
