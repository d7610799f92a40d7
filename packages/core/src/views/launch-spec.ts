/** What launches instances (a launch template or launch configuration): the images it uses. */
export interface LaunchSpecView {
  /** Machine images its default and latest versions launch. */
  imageIds: string[];
}
