/**
 * `Object.hasOwn` for engines older than it (Safari and iOS WebViews before 15.4, Chrome before
 * 93; the build targets ES2020 syntax and adds no polyfills). Use it before reading a plain
 * object at a key that comes from outside (a backend, an article, stored data): `constructor`,
 * `toString` and `__proto__` are found on every object.
 */
export const hasOwn = (object: object, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(object, key)
