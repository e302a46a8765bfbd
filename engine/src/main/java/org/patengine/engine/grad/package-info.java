/**
 * Where a training step's gradient comes from, one strategy per kind ({@link
 * org.patengine.engine.grad.GradientSource}): {@link org.patengine.engine.grad.Backprop} through a
 * chosen forward and backward pass (the pat, insilico, ideal and reservoir modes), and the
 * black-box baselines {@link org.patengine.engine.grad.FiniteDifferences} and
 * {@link org.patengine.engine.grad.Spsa}, which see the network only through forward calls
 * ({@link org.patengine.engine.grad.LossProbe}).
 *
 * <p>Every source differentiates the current batch's {@link org.patengine.engine.grad.BatchLoss}
 * in the parameters of a {@link org.patengine.engine.network.Trainable} and gives the frozen ones
 * zero gradient; the trainer then updates and projects:
 *
 * <pre>{@code
 * loss.set(batch, x, labels, targets);                 // next batch
 * double l = source.compute(loss, trainable, rng);      // forward and gradient
 * optimizer.step(trainable, rate);                      // update
 * BoxProjection.project(trainable);                     // project into the ranges
 * }</pre>
 */
package org.patengine.engine.grad;
