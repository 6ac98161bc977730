package io.strimzi.crdgenerator.annotations;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * Same name and member as Strimzi's CRD-generator annotation, which io.strimzi:api's classes carry but which is not
 * published on Maven Central: with it on the class path, reflection can read the constraints that Strimzi turns into
 * its CRD schemas (see org.greenwave.deploy.StrictModels).
 */
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiredInVersions {
    String value();
}
