"""One build of a portal: the work done for each project where it is validated (the
workers' pipeline) and the files written straight into the site. Depends on the layers
below."""
