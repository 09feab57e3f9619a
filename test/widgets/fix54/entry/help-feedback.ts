// The entry as the script-tag loader finds it beside itself (see ../queuedCallFails.test.ts).
export * from '../../../../widgets/index.js'
