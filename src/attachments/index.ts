/** Attachments picked by the user, prepared on the device (type and size checks, no metadata). */
export {
  prepareImage,
  canvasCodec,
  fitWithin,
  IMAGE_TYPES,
  MAX_INPUT_BYTES,
  MAX_OUTPUT_BYTES,
  MAX_DIMENSION,
} from './image.js'
export type { PreparedImage, PrepareImageOptions, ImageCodec } from './image.js'
export { stripMetadata, sniffImage, exifOrientation, MalformedImageError, type ImageFormat } from './strip.js'
