/**
 * Runnable programs that use only the public Java API, each the code the README's "Use from Java" section quotes:
 * {@link org.nnft.examples.StreamedEnsemble} (a 10^8-network ensemble streamed bin by bin with progress),
 * {@link org.nnft.examples.DeformedEnsemble} (a phi^4-deformed ensemble against its first-order prediction),
 * {@link org.nnft.examples.WidthDependence} (m_4 against the width, slope -1) and
 * {@link org.nnft.examples.LatticeScan} (a scan of lattice phi^4 in mu^2 with the Binder cumulant and its error).
 * Each takes its sizes as arguments, so the tests run them small.
 */
package org.nnft.examples;
