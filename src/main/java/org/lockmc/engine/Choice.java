package org.lockmc.engine;

/**
 * One decision of a schedule: which task ran, or which value a data choice took.
 *
 * @param task the task's name
 * @param value the data value, or -1 for a scheduling decision
 * @param op the operation performed (scheduling decisions), checked again on replay
 */
public record Choice(String task, int value, String op) {
  public boolean isData() {
    return value >= 0;
  }
}
