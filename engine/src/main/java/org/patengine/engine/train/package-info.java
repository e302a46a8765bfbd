/**
 * Training a physical neural network.
 *
 * <p>Build a {@link org.patengine.engine.network.Network} around any
 * {@link org.patengine.sim.PhysicalSystem} and a differentiable digital model of it (a
 * {@link org.patengine.sim.DifferentiableMap}), then train it with a {@link Trainer} in one of the
 * {@link TrainingMode}s:
 *
 * <pre>{@code
 * Network net = Network.builder(196)
 *         .physical(system1, model1, ParameterInit.uniform(-0.1f, 0.1f))
 *         .pad(10, ParameterInit.constant(0f), true)          // 196 + 10 class channels
 *         .physical(system2, model2, ParameterInit.uniform(-0.1f, 0.1f))
 *         .readout(196, 10, 1f)                               // logits = s·q_class
 *         .seed(42)
 *         .build();
 * Trainer trainer = Trainer.builder(net)
 *         .mode(TrainingMode.PAT)                             // or INSILICO, IDEAL, FD, SPSA, RESERVOIR
 *         .optimizer(new Adam())
 *         .schedule(new StepSchedule(0.01f, 0.5f, 10))
 *         .batchSize(32)
 *         .seed(7)
 *         .build();
 * for (int e = 0; e < epochs; e++) {
 *     trainer.trainEpoch(train);
 *     Evaluation ev = trainer.evaluate(test);   // accuracy on f_p, on f_m, and their agreement
 * }
 * }</pre>
 *
 * <p>Each step reads like llm.c's: next batch, forward and gradient (the mode's
 * {@link org.patengine.engine.grad.GradientSource} over its
 * {@link org.patengine.engine.network.Trainable} parameters), optimizer update, projection into
 * the parameter ranges ({@link org.patengine.engine.optim.BoxProjection}). Checkpoints
 * ({@link Trainer#saveState}) include every {@link org.patengine.sim.Stateful} component of the
 * network.
 *
 * <p>A runnable version is {@code CustomSystemExample} in the engine's test sources.
 */
package org.patengine.engine.train;
