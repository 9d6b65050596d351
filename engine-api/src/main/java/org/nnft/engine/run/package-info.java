/**
 * What every long run of the domain modules shares with its caller: a {@link org.nnft.engine.run.ProgressListener}
 * told of progress between steps and a {@link org.nnft.engine.run.Cancellation} checked between steps.
 */
package org.nnft.engine.run;
