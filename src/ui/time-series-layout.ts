/** Plot geometry shared by a time-series chart's shell (tick and badge layout) and its Recharts plot. */
export const MARGIN = { top: 18, right: 18, bottom: 4, left: 0 };
export const LEFT_AXIS_PX = 52;
export const RIGHT_AXIS_PX = 40;
