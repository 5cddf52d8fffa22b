package io.github.usersession.internal.threads;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.Set;

import io.github.usersession.internal.interceptors.SessionBoundEndpoint;
import jakarta.enterprise.inject.spi.AnnotatedConstructor;
import jakarta.enterprise.inject.spi.AnnotatedField;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;

/**
 * An endpoint class as CDI reads it, with {@link SessionBoundEndpoint} added to its annotations.
 */
// Weld builds the interceptors of an injection target from the type its factory was given, and ignores what
// InjectionTargetFactory.configure() adds: so the binding is added to the type itself.
final class BoundEndpointType<T> implements AnnotatedType<T> {

    private final AnnotatedType<T> type;
    private final Set<Annotation> annotations;

    BoundEndpointType(AnnotatedType<T> type) {
        this.type = type;
        Set<Annotation> all = new HashSet<>(type.getAnnotations());
        all.add(SessionBoundEndpoint.Literal.INSTANCE);
        this.annotations = Set.copyOf(all);
    }

    @Override
    public Class<T> getJavaClass() {
        return type.getJavaClass();
    }

    @Override
    public Set<AnnotatedConstructor<T>> getConstructors() {
        return type.getConstructors();
    }

    @Override
    public Set<AnnotatedMethod<? super T>> getMethods() {
        return type.getMethods();
    }

    @Override
    public Set<AnnotatedField<? super T>> getFields() {
        return type.getFields();
    }

    @Override
    public Type getBaseType() {
        return type.getBaseType();
    }

    @Override
    public Set<Type> getTypeClosure() {
        return type.getTypeClosure();
    }

    @Override
    public <A extends Annotation> A getAnnotation(Class<A> annotationType) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType() == annotationType) {
                return annotationType.cast(annotation);
            }
        }
        return null;
    }

    @Override
    public <A extends Annotation> Set<A> getAnnotations(Class<A> annotationType) {
        A annotation = getAnnotation(annotationType);
        return annotation == null ? Set.of() : Set.of(annotation);
    }

    @Override
    public Set<Annotation> getAnnotations() {
        return annotations;
    }

    @Override
    public boolean isAnnotationPresent(Class<? extends Annotation> annotationType) {
        return getAnnotation(annotationType) != null;
    }
}
