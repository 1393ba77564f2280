/** Plot geometry shared by a time-series chart's shell (tick and badge layout) and its plot. */
export const MARGIN = { top: 18, right: 18, bottom: 4, left: 0 };
export const LEFT_AXIS_PX = 52;
export const RIGHT_AXIS_PX = 40;
/** Height of the time axis under the plot: tick marks and one line of labels. */
export const X_AXIS_PX = 30;
/** Height of a chart that is given none (and of a `fill` chart until its box is measured). */
export const DEFAULT_PLOT_HEIGHT_PX = 190;
