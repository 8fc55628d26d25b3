/** Geometry of a side node, shared by the node component, auto-layout and field search. */
export const FIELD_ROW_HEIGHT = 28;
export const SIDE_HEADER_HEIGHT = 44;
export const SIDE_WIDTH = 288;
